"""The words the sample documents and queries are made of: a vocabulary per topic."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOPICS: dict[str, tuple[str, ...]] = {
    "cooking": _words(
        "recipe pasta oven garlic tomato bake sauce flour butter roast soup salad grill "
        "onion pepper dough noodle spice cheese chicken curry bread lemon olive herb"
    ),
    "travel": _words(
        "flight hotel beach passport luggage island museum train airport visa cruise hostel "
        "itinerary mountain tour ferry resort booking castle village map hiking camping harbor"
    ),
    "finance": _words(
        "budget savings mortgage loan interest stock bond pension tax invoice credit debt "
        "dividend inflation portfolio insurance salary expense bank fund equity retirement rent"
    ),
    "health": _words(
        "sleep exercise vitamin diet protein yoga stretch heart blood fever vaccine therapy "
        "muscle posture hydration allergy doctor clinic symptom recovery calorie fitness stress"
    ),
    "technology": _words(
        "laptop battery keyboard router wifi password backup software update printer monitor "
        "cable smartphone charger bluetooth browser server database python linux cloud camera"
    ),
    "gardening": _words(
        "seeds soil compost pruning roses lawn mulch seedling greenhouse fertilizer weeds shrub "
        "hedge orchid cactus bulbs watering pots trellis tulip irrigation perennial orchard hose"
    ),
    "sports": _words(
        "football tennis marathon cycling swimming referee league goal coach stadium sprint "
        "racket helmet tournament playoff dribble season team golf skiing rowing boxing medal"
    ),
    "home": _words(
        "sofa paint carpet lamp curtain shelf mattress drawer plumbing faucet tiles wallpaper "
        "heater vacuum laundry closet furniture roof window door ladder drill hammer"
    ),
}

# Words of any topic: how titles and queries are phrased.
GENERIC = _words(
    "guide best tips review new simple easy complete beginner advanced quick top ideas "
    "mistakes checklist explained essential cheap modern"
)

# Function words: most of the tokens of any text, and no help for finding it.
FUNCTION = _words("the a of and for with in your on to is how what you it")

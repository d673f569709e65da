"""The design doc's questions that only one kind of system has, per preset: (title, question).

They land in docs/design-doc.md under "Questions for <preset>", as open items for the team.
"""

from __future__ import annotations

Question = tuple[str, str]

QUESTIONS: dict[str, tuple[Question, ...]] = {
    "classification": (
        (
            "Intervention uplift",
            "the score triggers an action (a retention offer); some "
            "customers would have stayed anyway. How will you measure the uplift of acting, "
            "against a hold-out group that gets no action, rather than the churn rate alone?",
        ),
        (
            "Operating threshold",
            "how many customers can the team act on per week? That "
            "volume, and the cost of acting on a customer who would have stayed, set the "
            "threshold, not the ROC curve.",
        ),
        (
            "Calibration",
            "is a score of 0.3 a 30% churn rate? If the score is used as a "
            "probability (expected revenue lost), check it with a reliability curve on the "
            "hold-out and after launch.",
        ),
    ),
    "recommendation": (
        (
            "Position bias",
            "a click depends on the slot an item was shown in. How do you "
            "keep that out of the labels (randomized slots, inverse propensity weights, "
            "position as a training-only feature)?",
        ),
        (
            "Cold start",
            "what does a new user, or a new item with no clicks yet, get? "
            "Which share of traffic do they make up?",
        ),
        (
            "Exploration",
            "which share of slots is kept for items the model is unsure of, so "
            "that new items can earn their clicks and the training data is not only the "
            "model's own choices?",
        ),
    ),
    "content-moderation": (
        (
            "Reviewer capacity",
            "how many items can human reviewers see per day? That, with "
            "the cost of a harmful post left up, sets the thresholds for automatic action and "
            "for review.",
        ),
        (
            "Appeal flow",
            "how does an author appeal an automatic action, how fast is it "
            "answered, and do appeal outcomes come back as labels?",
        ),
        (
            "Adversarial change",
            "how fast do violators change their wording, and how will "
            "you notice (new reports, reviewer disagreement)?",
        ),
        (
            "Policy changes",
            "when the policy changes, which labels become wrong, and how "
            "are they relabelled before the next training run?",
        ),
    ),
    "eta-regression": (
        (
            "Asymmetric cost",
            "is a late arrival worse than an early one? If so, quote a "
            "quantile rather than the mean, and measure the share of late arrivals.",
        ),
        (
            "The quote changes behaviour",
            "customers cancel after a long quote and drivers "
            "react to it; how do you keep that out of the labels and measure it?",
        ),
        (
            "Live conditions",
            "traffic, weather and events the features do not see: which "
            "live signals reach the model, and how fresh are they?",
        ),
    ),
    "search-ranking": (
        (
            "Position bias",
            "clicks favour the top results whatever their relevance; how are "
            "click labels corrected, or are judgments collected by hand?",
        ),
        (
            "Head and tail queries",
            "frequent queries and rare ones behave differently; "
            "evaluate them separately, and say what a query with no good result gets.",
        ),
        (
            "Index freshness",
            "how soon must a new or changed document be retrievable, and what delays it today?",
        ),
    ),
    "people-you-may-know": (
        (
            "Graph privacy",
            "a suggestion can reveal a connection (a contact, a blocked "
            "person, a sensitive group). Which edges and people must never be used or shown?",
        ),
        (
            "Suggestion fatigue",
            "how many suggestions per person per week, and how is a "
            "dismissed suggestion kept from coming back?",
        ),
        (
            "Cold start",
            "what does a new member with no connections get, and how quickly "
            "does the graph start to help?",
        ),
        (
            "Both sides",
            "an invitation needs the other person to accept; is acceptance, "
            "not only sending, the label and the online metric?",
        ),
    ),
    "similar-items": (
        (
            "Substitutes or complements",
            "does the surface want items to buy instead of the "
            "anchor, or with it? The label (co-views or co-purchases) must match.",
        ),
        (
            "Cold start",
            "what does a new item with no co-views show, and what does it get shown beside?",
        ),
        (
            "Availability",
            "are out-of-stock, unsafe or region-locked items filtered before the list is served?",
        ),
    ),
    "feed-ranking": (
        (
            "Weights of the heads",
            "who sets the weights of the engagement types in the "
            "final score, and how is a change of weights tested online before it ships?",
        ),
        (
            "Long-term value",
            "engagement now can cost satisfaction later (clickbait, "
            "outrage); which long-term metric guards against it?",
        ),
        (
            "Creators",
            "how do new authors reach an audience, and does the ranking "
            "concentrate reach on a few?",
        ),
    ),
    "ad-click-prediction": (
        (
            "Attribution window",
            "how long after an impression does a click or a conversion "
            "still count, and what happens to impressions whose window has not closed?",
        ),
        (
            "Calibration",
            "the auction multiplies the predicted rate by the bid, so a "
            "miscalibrated model shifts spend; check calibration per campaign and slot, not "
            "only overall.",
        ),
        (
            "Auction effects",
            "a better log loss offline can move prices, spend and "
            "advertiser return online; how will an experiment measure revenue and advertiser "
            "value together?",
        ),
        (
            "Budgets and pacing",
            "campaigns run out of budget during the day; how does "
            "pacing interact with the predicted rates?",
        ),
    ),
}


def as_items(questions: tuple[Question, ...]) -> str:
    """The questions as open items of the design doc, each with its Answer line."""
    return "\n".join(
        f"- [ ] **{title}:** {text}\n  **Answer:** _open_" for title, text in questions
    )

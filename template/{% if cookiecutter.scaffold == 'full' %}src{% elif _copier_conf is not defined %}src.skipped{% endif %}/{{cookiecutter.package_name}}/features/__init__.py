"""Feature definitions: declared once, used by the offline ETL and the online path alike."""

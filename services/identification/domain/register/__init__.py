"""The cadre register (干部名册): who each cadre is, the post they hold and who manages them."""

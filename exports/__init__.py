"""Staff exports (CSV, JSON Lines, IPTC ninjs 3.1) and the imports that read them back."""

// Security platform (to come).

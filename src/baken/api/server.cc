// HTTP server (to come).

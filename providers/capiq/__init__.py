"""S&P Capital IQ: token authentication and `clientservice.json` requests."""

"""The data API: departments submit figures over HTTP with their own tokens; anyone can query them."""

"""Where each actor stands: stance of speakers toward actors, GKG-style tone, themes (issue 19)."""

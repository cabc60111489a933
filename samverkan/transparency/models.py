# The portal has no models of its own: it publishes what the layers below hold. Its one
# former model, the publication counter, moved to core with the public cache it serves.

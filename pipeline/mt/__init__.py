"""Machine translation: route planning, engines, batching, Argos packages and their index, downloads, the Dask cluster, devices."""

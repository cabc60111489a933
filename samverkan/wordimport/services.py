def import_unreviewed(**kwargs):
    raise NotImplementedError

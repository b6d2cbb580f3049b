def default_name():
    return 'world'

def greet(name):
    return 'Hello, %s!' % name

# A handler of several modules: a package of its own, a relative import inside it, and a data file beside it.
from greetings import greet
from greetings.names import default_name


def lambda_handler(event, context):
    with open('motd.txt') as motd:
        return {'greeting': greet(event.get('name') or default_name()), 'motd': motd.read().strip()}

from .format import greet

# tries: to open a network connection from the sandbox
# expect: error
import socket
def lambda_handler(event, context):
    s = socket.create_connection(('127.0.0.1', 22), timeout=1)
    return s.recv(100).decode()

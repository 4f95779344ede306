"""The outbox: queued comments delivered once to the site's comment server and followed to
publication. One module per kind of server (isso.py); `server.py` is what they all answer."""

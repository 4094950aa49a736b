"""Where papers come from besides files: council sites kept in sync.

Between corpus/ (documents in, records out) and bot/ (the thin outer layer):
a source fetches politely and safely (fetch.py), reads the site's own
structure (moderngov_xml.py), maps it to corpus records and saves them
through store/ (moderngov.py). No Slack here beyond handing a message to
the client the caller passes in.
"""

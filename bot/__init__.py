"""The thin outer layer: command line, Slack app, scheduler."""

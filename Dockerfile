# The scrutiny bot in a container. Build and run (see README, "Running as a service"):
#   docker build -t scrutiny-bot .
#   docker run -d --name scrutiny --env-file scrutiny.env -v scrutiny-data:/data scrutiny-bot
# Socket Mode needs no port; for HTTP mode add SLACK_SIGNING_SECRET and -p 3000:3000.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SCRUTINY_DB=/data/scrutiny.db \
    HOST=0.0.0.0 \
    PORT=3000

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY store ./store
COPY corpus ./corpus
COPY sources ./sources
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin scrutiny \
    && mkdir -p /data && chown scrutiny:scrutiny /data

USER scrutiny
WORKDIR /data
VOLUME ["/data"]
EXPOSE 3000
# the log goes to standard error: docker logs scrutiny
CMD ["scrutiny", "serve"]

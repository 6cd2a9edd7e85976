# nhacviec: one image for every role (`run`, `db upgrade`, `plans import`…); see README, "Running it as a service".
# Build: docker build -t nhacviec .      Run: docker compose up (compose.yaml)

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY nhacviec ./nhacviec
COPY plans ./plans
COPY storage ./storage
COPY scheduler ./scheduler
COPY bot ./bot
COPY locales ./locales
# The wheel carries the catalogues (locales/) and the migrations as package data.
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WEBHOOK_HOST=0.0.0.0 \
    WEBHOOK_PORT=8080 \
    MPLCONFIGDIR=/tmp/matplotlib
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
    && useradd --system --uid 10001 --home-dir /app --create-home nhacviec
WORKDIR /app
# Sample plans, so a fresh container can `plans import samples/plans/*.txt` for a demo.
COPY --chown=nhacviec samples ./samples
USER nhacviec
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status == 200 else 1)"]
ENTRYPOINT ["nhacviec"]
CMD ["run"]

# The portal under gunicorn (and, with another command, the ingestion job), as a non-root user.
# The image is not built by the tests (no Docker engine on the development machines); its command
# line is run by tests/integration/test_deployment.py. See compose.yaml: a TLS proxy sits in front.
# The JVM worker that reads the PDF pages pdfium gets wrong (ingest/extract/pdfbox.py).
FROM maven:3-eclipse-temurin-21 AS pdf-worker
WORKDIR /build
COPY pdf-worker/ ./
RUN mvn -q -B package -DskipTests

FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-rus tesseract-ocr-spa tesseract-ocr-ara \
      tesseract-ocr-osd hunspell-en-us hunspell-fr hunspell-ru hunspell-es \
      poppler-utils \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 giai
WORKDIR /app
COPY pyproject.toml README.md ./
COPY commands/ commands/
COPY giai/ giai/
COPY ingest/ ingest/
COPY portal/ portal/
COPY config/ config/
COPY translations/ translations/
COPY samples/ samples/
COPY --from=pdf-worker /build/target/giai-pdf-worker.jar pdf-worker/target/giai-pdf-worker.jar
# Editable install: the code finds config/ and translations/ beside its packages.
RUN pip install --no-cache-dir -e . \
 && pybabel compile -q -d translations -D messages

ENV GIAI_DATA_DIR=/data GIAI_CACHE_DIR=/data/cache
RUN mkdir -p /data && chown giai /data
USER giai
EXPOSE 8000
CMD ["giai", "serve", "--host", "0.0.0.0", "--port", "8000"]

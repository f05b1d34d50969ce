# syntax=docker/dockerfile:1
# The bot as an image: compiled once, run by plain node, no dev dependencies, no root.
#   docker build -t briefing-bot .
#   docker run --rm -e TELEGRAM_BOT_TOKEN=… -v briefing-data:/app/data -p 3000:3000 briefing-bot
# CI (.ci/run) runs the same commands outside Docker: npm ci, build, prune, start, healthcheck.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary, or compiles one with these when none fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# Compile src/ to dist/, then drop the dev dependencies (tsx, typescript, vitest, …).
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# tini is PID 1: it forwards SIGTERM to node (graceful stop: sends in flight finish) and reaps
# children. Without it, run with `docker run --init`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY briefings ./briefings
# The SQLite file (the default store) lives in data/: the only folder the app writes to.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "dist/cli/healthcheck.js", "--path", "/livez"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/cli/main.js"]

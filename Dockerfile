# The images of `docker compose`, built with the same npm scripts as CI: `api` (the API, the
# worker and the migrations: `npm run start:api`, `start:worker`, `migration:run`) and `console`
# (`npm run start:console`, the same console server as on a developer's machine).
FROM node:24.22-bookworm-slim AS base
# The newest npm 11, which honours package.json's allowScripts.
RUN npm install -g npm@11 --no-audit --no-fund
WORKDIR /app
COPY package.json package-lock.json ./

FROM base AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM base AS runtime
ENV NODE_ENV=production
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY scripts ./scripts

FROM runtime AS console
COPY --from=build /app/dist/apps/console ./dist/apps/console
USER node
# The console on 3000, /api proxied to API_URL (docker-compose.yml: http://api:8000).
EXPOSE 3000
CMD ["npm", "run", "start:console"]

FROM runtime AS api
COPY --from=build /app/dist ./dist
USER node
# 8000: the API; 9464 and 9465: the API's and the worker's metrics, when METRICS_PORT and
# WORKER_METRICS_PORT turn them on (docker-compose.yml does).
EXPOSE 8000 9464 9465
# docker-compose runs `npm run migration:run` and `npm run start:worker` from this image too.
CMD ["npm", "run", "start:api"]

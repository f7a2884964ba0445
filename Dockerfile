# One image for the API and the worker; it builds with the same npm scripts as CI.
FROM node:24.22-bookworm-slim AS build
# The newest npm 11, which honours package.json's allowScripts.
RUN npm install -g npm@11 --no-audit --no-fund
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24.22-bookworm-slim AS runtime
# The newest npm 11, which honours package.json's allowScripts.
RUN npm install -g npm@11 --no-audit --no-fund
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY scripts ./scripts
COPY --from=build /app/dist ./dist
USER node
# 8000: the API; 9464 and 9465: the API's and the worker's metrics, when METRICS_PORT and
# WORKER_METRICS_PORT turn them on (docker-compose.yml does).
EXPOSE 8000 9464 9465
# docker-compose runs `npm run migration:run` and `npm run start:worker` from this image too.
CMD ["npm", "run", "start:api"]

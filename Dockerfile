# syntax=docker/dockerfile:1

# Build stage: the TypeScript compiler and tsc-alias are dev dependencies.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the root "prepare" script builds, and the sources are not copied yet.
RUN npm ci --ignore-scripts
COPY tsconfig.base.json tsconfig.build.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# Runtime stage: production dependencies and the compiled output only.
FROM node:24-slim
# Production: the api refuses to start without PLANVERK_SESSION_SECRET (32+ characters), which
# docker-compose.yml passes from the environment or .env. No secret is baked into the image.
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# The pages' own stylesheet and script (tsc does not copy them), and the demo plans.
COPY apps/api/src/pages/assets ./apps/api/src/pages/assets
COPY demo ./demo

# Without DATABASE_URL the API keeps PGlite files in ./data, which the node user must own.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
# A heap budget, as `npm start` gives it: without one V8 sizes the heap for the host's memory
# and lets it grow far past what the api keeps alive (docs/benchmarks.md, api RSS).
CMD ["node", "--max-old-space-size=384", "--max-semi-space-size=8", "dist/apps/api/src/main.js"]

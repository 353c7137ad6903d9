# The Node entry (`npm start`) in a small image; nothing here is specific to one container platform.
#   docker build -t puter-openai-proxy .
#   docker run --rm -p 8000:8000 puter-openai-proxy
# Settings are the usual environment variables (docker run -e MODE=standard …).

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Only the build needs the dependencies; the result is one file with everything bundled in.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY deno-puter-proxy.ts ./
RUN npm run build

FROM node:20-slim
WORKDIR /app
COPY --from=build /app/dist/node.mjs ./node.mjs
USER node
ENV HOST=0.0.0.0 PORT=8000
EXPOSE 8000
# slim has no curl; Node's own fetch asks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As `npm start`, without npm in between: the proxy itself gets SIGTERM and shuts down cleanly.
CMD ["node", "node.mjs"]

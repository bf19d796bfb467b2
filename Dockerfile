# GridGeo API + CLI image. Build: docker build -t gridgeo .   Run with a database: docker compose up
# The map viewer is built in its own stage when src/GridGeo.Viewer has a package.json.
FROM node:22-bookworm-slim AS viewer
WORKDIR /src
COPY src/ src/
RUN mkdir -p /viewer && if [ -f src/GridGeo.Viewer/package.json ]; then \
      cd src/GridGeo.Viewer && npm ci --no-audit --no-fund && npx --no-install vite build --logLevel warn \
      && cp -r /src/src/GridGeo.Api/wwwroot/. /viewer/; \
    fi

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props GridGeo.sln ./
COPY src/ src/
RUN dotnet publish src/GridGeo.Cli/GridGeo.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Noto Sans CJK for printed notice boards and maps (Chinese text, never tofu boxes).
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY --from=viewer /viewer ./wwwroot/
ENV GridGeo__ViewerPath=/app/wwwroot \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 5080
# The schema is migrated at every start (a no-op when current), then the API serves.
ENTRYPOINT ["sh", "-c", "dotnet gridgeo.dll db migrate && exec dotnet gridgeo.dll serve --urls http://0.0.0.0:5080"]

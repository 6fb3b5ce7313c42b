# syntax=docker/dockerfile:1
# BorderWatch: build with the .NET SDK (and npm for the front-end packages), run on the ASP.NET Core runtime.
#   docker build -t borderwatch .
#   docker run -p 127.0.0.1:8080:8080 -v borderwatch-data:/data -e Security__BootstrapApiKey=... borderwatch

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Project files first, so the restore layer is cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY src/BorderWatch.Core/BorderWatch.Core.csproj src/BorderWatch.Core/
COPY src/BorderWatch.Vision/BorderWatch.Vision.csproj src/BorderWatch.Vision/
COPY src/BorderWatch.Data/BorderWatch.Data.csproj src/BorderWatch.Data/
COPY src/BorderWatch.Web/BorderWatch.Web.csproj src/BorderWatch.Web/package.json src/BorderWatch.Web/package-lock.json src/BorderWatch.Web/
RUN dotnet restore src/BorderWatch.Web/BorderWatch.Web.csproj -r linux-x64
COPY src/ src/
COPY wwwroot/ wwwroot/
RUN dotnet publish src/BorderWatch.Web/BorderWatch.Web.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
# libgtk-3 for the OpenCV native library, opencv-data for the face and plate cascades (privacy blurring),
# tzdata for the crossings' local days (daily summaries are counted in each crossing's IANA time zone).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgtk-3-0t64 libatomic1 opencv-data tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown app:app /data
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Storage__ConnectionString="Data Source=/data/borderwatch.db" \
    Storage__ImageDirectory=/data/images \
    Exports__Directory=/data/exports
VOLUME /data
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "BorderWatch.Web.dll"]

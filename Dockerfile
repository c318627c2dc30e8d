# The Molecule server image. Only the sources are copied: local bin/, obj/ and .data/ stay out.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig manifest.json ./
COPY migrations/ migrations/
COPY src/ src/
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + && \
    dotnet publish src/Molecule.Server -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV PORT=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Molecule.Server.dll"]

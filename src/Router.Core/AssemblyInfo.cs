// The router runs on Linux (systemd services, the container image, gateway bundles).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

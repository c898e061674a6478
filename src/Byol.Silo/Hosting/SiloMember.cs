using Byol.Grains.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace Byol.Silo.Hosting;

/// <summary>
/// A long-running cluster member: Generic Host configuration (appsettings.json, environment with `__`, arguments),
/// the Orleans dashboard on localhost:8080 unless told otherwise (no web server at all when it is disabled),
/// OpenTelemetry metrics (meters "Byol" and Orleans'), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// A clean stop (SIGTERM) drains trainers.
/// </summary>
public static class SiloMember
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dashboard = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().AddCommandLine(args).Build()
            .GetSection(ByolDashboardOptions.Section).Get<ByolDashboardOptions>() ?? new();
        if (!dashboard.Enabled)
        {
            var builder = Host.CreateApplicationBuilder(args);
            Configure(builder, dashboard);
            await builder.Build().RunAsync();
            return 0;
        }
        var web = WebApplication.CreateBuilder(args);
        Configure(web, dashboard);
        web.WebHost.UseUrls($"http://{dashboard.Host}:{dashboard.Port}");
        var app = web.Build();
        app.MapOrleansDashboard();
        await app.RunAsync();
        return 0;
    }

    private static void Configure(IHostApplicationBuilder builder, ByolDashboardOptions dashboard)
    {
        builder.UseOrleans(silo =>
        {
            silo.ConfigureByol(builder.Configuration);
            if (dashboard.Enabled)
                silo.AddDashboard();
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90));
        builder.Services.AddOpenTelemetry().WithMetrics(m =>
        {
            m.AddMeter(ByolMetrics.MeterName, "Microsoft.Orleans");
            if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                m.AddOtlpExporter();
            if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
                m.AddConsoleExporter();
        });
    }
}

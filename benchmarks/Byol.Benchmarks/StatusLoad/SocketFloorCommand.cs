using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Byol.Benchmarks.Cluster;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// The <c>socket-floor</c> command: what one request/response round trip over loopback TCP costs in CPU on this host
/// with nothing but .NET's sockets, at the pace <c>status-load</c> sends `sweep show` calls. The echo side runs in a
/// process of its own (this program, <c>socket-floor --echo PORT</c>), as the silo does; both use async sockets, as
/// Orleans does. Per round trip: this client's CPU time and the echo process's, each less the same time without
/// traffic. A floor for status-load's per-query figures: no RPC over these sockets can cost less.
/// </summary>
public static class SocketFloorCommand
{
    public static int Run(ReadOnlySpan<string> args)
    {
        int qps = 100, seconds = 10, payload = 300;
        var json = false;
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            switch (name)
            {
                case "--echo": return Echo(reader.Int(name, min: 1));
                case "--qps": qps = reader.Int(name, min: 1); break;
                case "--seconds": seconds = reader.Int(name, min: 1); break;
                case "--payload": payload = reader.Int(name, min: 1); break;
                case "--json": json = true; break;
                default: throw new ArgumentException($"unknown option '{name}' for socket-floor");
            }
        }
        return MeasureAsync(qps, seconds, payload, json).GetAwaiter().GetResult();
    }

    private static int Echo(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Console.WriteLine("listening");
        using var client = listener.AcceptTcpClient();
        client.NoDelay = true;
        var stream = client.GetStream();
        var buffer = new byte[64 * 1024];
        Task.Run(async () =>
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer);
                if (n == 0)
                    return;
                await stream.WriteAsync(buffer.AsMemory(0, n));
            }
        }).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task<int> MeasureAsync(int qps, int seconds, int payload, bool json)
    {
        var port = Byol.Silo.Hosting.LoopbackPort.Free();
        using var echo = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["socket-floor", "--echo", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            await echo.StandardOutput.ReadLineAsync(); // "listening"
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            var request = new byte[payload];
            var response = new byte[payload];
            async Task RoundTrip()
            {
                await stream.WriteAsync(request);
                for (var got = 0; got < payload;)
                    got += await stream.ReadAsync(response.AsMemory(got));
            }
            for (var i = 0; i < 500; i++)
                await RoundTrip(); // JIT and socket warm-up

            var window = TimeSpan.FromSeconds(seconds);
            var (clientIdle, echoIdle) = (ProcessCpu.Read(Environment.ProcessId), ProcessCpu.Read(echo.Id));
            await Task.Delay(window);
            (clientIdle, echoIdle) = (ProcessCpu.Read(Environment.ProcessId) - clientIdle, ProcessCpu.Read(echo.Id) - echoIdle);

            var latencies = new List<double>();
            var (clientBusy, echoBusy) = (ProcessCpu.Read(Environment.ProcessId), ProcessCpu.Read(echo.Id));
            var interval = TimeSpan.FromSeconds(1.0 / qps);
            var clock = Stopwatch.StartNew();
            for (long i = 0; clock.Elapsed < window; i++)
            {
                var wait = interval * i - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                var started = Stopwatch.GetTimestamp();
                await RoundTrip();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            (clientBusy, echoBusy) = (ProcessCpu.Read(Environment.ProcessId) - clientBusy, ProcessCpu.Read(echo.Id) - echoBusy);
            var count = latencies.Count;
            var result = new JsonObject
            {
                ["benchmark"] = "socket-floor",
                ["qps_target"] = qps,
                ["seconds"] = seconds,
                ["payload_bytes"] = payload,
                ["round_trips"] = count,
                ["client_cpu_ms_per_round_trip"] = Percentiles.Round((clientBusy.Cpu - clientIdle.Cpu).TotalMilliseconds / count),
                ["echo_cpu_ms_per_round_trip"] = Percentiles.Round((echoBusy.Cpu - echoIdle.Cpu).TotalMilliseconds / count),
                ["client_switches_per_round_trip"] = Percentiles.Round((clientBusy.Switches - clientIdle.Switches) / (double)count),
                ["echo_switches_per_round_trip"] = Percentiles.Round((echoBusy.Switches - echoIdle.Switches) / (double)count),
                ["latency_ms"] = Percentiles.Summary(latencies),
                ["processors"] = Environment.ProcessorCount,
            };
            ResultOutput.Print(result, json,
            [
                ("", $"socket-floor: {count} round trips of {payload} bytes over loopback TCP at {qps}/s, async sockets, echo in its own process"),
                ("client CPU ms per round trip", ResultOutput.Number(result["client_cpu_ms_per_round_trip"]) + $"  ({ResultOutput.Number(result["client_switches_per_round_trip"], "F1")} context switches)"),
                ("echo CPU ms per round trip", ResultOutput.Number(result["echo_cpu_ms_per_round_trip"]) + $"  ({ResultOutput.Number(result["echo_switches_per_round_trip"], "F1")} context switches)"),
                ("latency ms", ResultOutput.Spread(result["latency_ms"], "p99") + "  (p50 / p99 / max)"),
            ]);
            return 0;
        }
        finally
        {
            if (!echo.HasExited)
                echo.Kill();
        }
    }
}

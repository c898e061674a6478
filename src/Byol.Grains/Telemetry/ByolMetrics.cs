using System.Diagnostics.Metrics;
using Byol.Model.Training;

namespace Byol.Grains.Telemetry;

/// <summary>OpenTelemetry-ready instruments (meter "Byol"): steps trained, images/s, loss, slots in use.</summary>
public sealed class ByolMetrics : IDisposable
{
    public const string MeterName = "Byol";
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> steps;
    private readonly Histogram<double> imagesPerSecond;
    private readonly Histogram<double> loss;
    private int slotsInUse;

    public ByolMetrics()
    {
        steps = meter.CreateCounter<long>("byol.train.steps", "{step}", "Training steps completed on this silo");
        imagesPerSecond = meter.CreateHistogram<double>("byol.train.images_per_second", "{image}/s", "Training throughput per report");
        loss = meter.CreateHistogram<double>("byol.train.loss", null, "BYOL loss per report");
        meter.CreateObservableGauge("byol.slots.in_use", () => Volatile.Read(ref slotsInUse), "{slot}", "Trainer slots held on this silo");
    }

    public void Trained(TrainingMetrics metrics, long newSteps)
    {
        steps.Add(newSteps);
        imagesPerSecond.Record(metrics.ImagesPerSecond);
        loss.Record(metrics.Loss);
    }

    public void SlotsInUse(int count) => Volatile.Write(ref slotsInUse, count);

    public void Dispose() => meter.Dispose();
}

namespace Byol.Model.Training;

/// <summary>What the loop reports every <see cref="TrainingOptions.LogEvery"/> steps.</summary>
public sealed record TrainingMetrics(
    long Step,
    long Steps,
    double Loss,
    double Tau,
    double LearningRate,
    double ZStd,
    double ImagesPerSecond,
    int Epoch);

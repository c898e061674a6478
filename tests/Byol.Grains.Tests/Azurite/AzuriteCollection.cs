namespace Byol.Grains.Tests.Azurite;

/// <summary>Tests in this collection share one Azurite process and run one at a time (outage tests stop it).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

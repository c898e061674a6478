using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

public sealed class ViewsTests
{
    [Fact]
    public void View1OverrideTouchesOnlyView1()
    {
        var views = Specs.Valid(Specs.With("train: { views: { view1: { blur_p: 0.5, crop_area_min: 0.2 } } }")).Train.Views;

        Assert.Equal(ViewSpec.Paper1 with { BlurP = 0.5, CropAreaMin = 0.2 }, views.View1);
        Assert.Equal(ViewSpec.Paper2, views.View2);
    }

    [Fact]
    public void View2OverrideTouchesOnlyView2()
    {
        var views = Specs.Valid(Specs.With("train: { views: { view2: { solarize_p: 0 } } }")).Train.Views;

        Assert.Equal(ViewSpec.Paper1, views.View1);
        Assert.Equal(ViewSpec.Paper2 with { SolarizeP = 0 }, views.View2);
    }

    [Fact]
    public void BothAppliesToEachViewAndViewBlocksWinOverIt()
    {
        var views = Specs.Valid(Specs.With("""
            train:
              views:
                view2: { grayscale_p: 0.5 }
                both: { jitter_p: 0, grayscale_p: 0 }
            """)).Train.Views;

        Assert.Equal(ViewSpec.Paper1 with { JitterP = 0, GrayscaleP = 0 }, views.View1);
        Assert.Equal(ViewSpec.Paper2 with { JitterP = 0, GrayscaleP = 0.5 }, views.View2);
    }

    [Fact]
    public void PaperIsBothTable6Views()
    {
        var views = Specs.Valid(Specs.With("train: { views: paper }")).Train.Views;

        Assert.Equal(new ViewsSpec { View1 = ViewSpec.Paper1, View2 = ViewSpec.Paper2 }, views);
        Assert.NotEqual(views.View1, views.View2);
    }

    [Fact]
    public void AnErrorInBothIsReportedOnce()
    {
        var errors = Specs.Invalid(Specs.With("train: { views: { both: { flip: 2 } } }"));

        Assert.Equal("train.views.both.flip: must be in [0, 1] (got 2.0)", Assert.Single(errors).ToString());
    }
}

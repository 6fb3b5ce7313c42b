using BorderWatch.Vision.Environment;

namespace BorderWatch.Vision.Tests.Environment;

public class VisionEnvironmentTests
{
    [Fact]
    public void Check_ThisMachine_LoadsOpenCvAndFindsThePrivacyCascades()
    {
        // tests/run.sh installs libgtk-3-0 and opencv-data; without them this test says what is missing.
        var status = VisionEnvironment.Check();

        Assert.True(status.NativeLibraryLoaded, status.Problem);
        Assert.StartsWith("4.", status.OpenCvVersion, StringComparison.Ordinal);
        Assert.True(status.CanPublishImages, status.Problem);
    }

    [Fact]
    public void Check_CascadeDirectoryWithoutCascades_RefusesToPublishImagesAndSaysWhy()
    {
        var empty = Directory.CreateTempSubdirectory("borderwatch-nocascades-").FullName;
        try
        {
            var status = VisionEnvironment.Check(empty);

            Assert.True(status.CanAnalyse);
            Assert.False(status.CanPublishImages);
            Assert.Contains("opencv-data", status.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}

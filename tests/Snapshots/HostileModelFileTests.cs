using Functional.Formats;
using Functional.Tests.Formats.Hostile;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// The hostile model files of issue 11 (classes 1 to 5 and 12) given to the real program: <c>inspect</c> and
/// <c>predict</c> refuse each with one line and exit code 2 (or, for a file within the limits, print it), never crash
/// or print a stack trace, stay under 1 GB of resident memory and finish within 10 seconds.
/// </summary>
public sealed class HostileModelFileTests
{
    const long OneGigabyte = 1L << 30;
    static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    static readonly Dictionary<string, byte[]> OneElement = new() { ["0"] = HostilePickle.Float32Storage(1) };

    static byte[] Pickled(long[] shape, long[] strides, long declared = 1, Dictionary<string, byte[]>? storages = null) =>
        HostilePickle.Archive([new HostileTensor("w", "0", false, declared, 0, shape, strides)], storages ?? OneElement);

    static long[] Ones(int count, long last) => Enumerable.Repeat(1L, count).Append(last).ToArray();

    static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        for (var i = shape.Length - 1; i >= 0; i--) strides[i] = i == shape.Length - 1 ? 1 : strides[i + 1] * shape[i + 1];
        return strides;
    }

    public static TheoryData<string> Files => new(HostileFiles.Keys);

    static readonly Dictionary<string, Func<byte[]>> HostileFiles = new()
    {
        ["twelve_thousand_dims"] = () => Pickled(Ones(11_999, 1), Ones(11_999, 1)),
        ["cpu_bomb_100000_dims"] = () => Pickled(Ones(100_000, 1 << 20), Strides(Ones(100_000, 1 << 20))),
        ["stride_0_bomb"] = () => Pickled([1L << 40], [0]),
        ["twenty_thousand_views"] = () => HostilePickle.Archive(
            Enumerable.Range(0, 20_000).Select(i => new HostileTensor($"v{i}", "0", false, 100_000, 0, [100_000], [1])).ToList(),
            new Dictionary<string, byte[]> { ["0"] = HostilePickle.Float32Storage(100_000) }),
        ["storage_count_wraps"] = () => Pickled([2], [1L << 61], declared: (1L << 62) + 1),
        ["zip_entry_climbs_out"] = () => HostilePickle.Archive([new HostileTensor("w", "0", false, 1, 0, [1], [1])], OneElement, "../archive"),
        ["safetensors_product_wraps"] = () => HostileSafetensors.File("{" + HostileSafetensors.Entry("w", "F32",
            ["129944532031", "5", "17", "17", "23", "41", "498882039521563", "303399055320351719"], 0, 4) + "}", new byte[4]),
        ["safetensors_twelve_thousand_dims"] = () => HostileSafetensors.File("{" + HostileSafetensors.Entry("w", "F32", Enumerable.Repeat("1", 12_000), 0, 4) + "}", new byte[4]),
        ["pickle_value_bomb"] = () => HostilePickle.Archive(
            Enumerable.Range(0, 60_000).Select(i => new HostileTensor($"t{i}", "0", false, 1, 0, [1], [1])).ToList(), OneElement),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Inspect_and_predict_refuse_a_hostile_file_with_one_line_within_a_gigabyte_and_ten_seconds(string name)
    {
        var folder = Directory.CreateTempSubdirectory("functional-hostile-").FullName;
        var path = Path.Combine(folder, name + ".pt");
        File.WriteAllBytes(path, HostileFiles[name]());

        foreach (var args in new[] { new[] { "inspect", path }, ["predict", "--model", path, "--x", "0.5"] })
        {
            var (run, peak, elapsed) = CliProcess.RunMeasured(folder, args);
            Assert.Equal(2, run.ExitCode);
            Assert.Equal("", run.Stdout);
            var error = Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("error: ", error);
            Assert.True(error.Length < 400, error);
            Assert.True(peak < OneGigabyte, $"{args[0]}: peak resident memory {peak >> 20} MiB");
            Assert.True(elapsed < TenSeconds, $"{args[0]}: took {elapsed}");
        }
    }

    [Fact]
    public void A_file_at_the_element_limit_is_read_and_printed_within_a_gigabyte_and_ten_seconds()
    {
        // One stored value viewed with stride 0 as 2^24 elements: the most views may add beyond what is stored.
        var folder = Directory.CreateTempSubdirectory("functional-hostile-").FullName;
        var path = Path.Combine(folder, "expanded.pt");
        File.WriteAllBytes(path, Pickled([1L << 12, 1L << 12], [0, 0]));
        Assert.Equal(1L << 24, FormatLimits.ExtraElements);

        var (run, peak, elapsed) = CliProcess.RunMeasured(folder, "inspect", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("('w',\n", run.Stdout);
        Assert.Contains("[0.5000, 0.5000, 0.5000,  ..., 0.5000, 0.5000, 0.5000]", run.Stdout);
        Assert.True(peak < OneGigabyte, $"peak resident memory {peak >> 20} MiB");
        Assert.True(elapsed < TenSeconds, $"took {elapsed}");
    }
}

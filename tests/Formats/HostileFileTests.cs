using System.Text;
using Functional.Formats;
using Functional.Formats.Zip;
using Functional.Tests.Formats.Hostile;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Formats;

/// <summary>
/// The hostile files that broke the readers (issue 11, classes 1 to 3 and 12), each rebuilt by hand: each is now
/// refused with one short line, or read within the stated limits.
/// </summary>
public sealed class HostileFileTests
{
    private static readonly Dictionary<string, byte[]> OneElement = new() { ["0"] = HostilePickle.Float32Storage(1) };

    private static string Refusal(byte[] file) => ModelFile.Read(file, allowNonFinite: true).Match(
        Succ: loaded => throw new Xunit.Sdk.XunitException($"loaded {loaded.StateDict.Entries.Count} tensors"),
        Fail: error => error.Message);

    private static HostileTensor Tensor(long[] shape, long[] strides, string storage = "0", long declared = 1, long offset = 0, string key = "w") =>
        new(key, storage, false, declared, offset, shape, strides);

    [Theory]
    [InlineData(12_000)]
    [InlineData(100_001)]
    public void A_torch_save_tensor_with_thousands_of_dimensions_is_refused_with_its_shape_cut_short(int dimensions)
    {
        var shape = Enumerable.Repeat(1L, dimensions - 1).Append(1L << 20).ToArray();
        var error = Refusal(HostilePickle.Archive([Tensor(shape, HostileGenerators.Contiguous(shape))], OneElement));

        Assert.Contains($"{dimensions} dimensions", error);
        Assert.Contains("at most 64", error);
        Assert.True(error.Length < 300, error);
    }

    [Fact]
    public void A_safetensors_tensor_with_thousands_of_dimensions_is_refused()
    {
        var shape = Enumerable.Repeat("1", 12_000);
        var error = Refusal(HostileSafetensors.File("{" + HostileSafetensors.Entry("w", "F32", shape, 0, 4) + "}", new byte[4]));

        Assert.Contains("12000 dimensions", error);
        Assert.True(error.Length < 300, error);
    }

    [Fact]
    public void A_stride_0_view_of_one_stored_value_beyond_the_element_budget_is_refused_before_it_is_built()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refusal(HostilePickle.Archive([Tensor([1L << 31], [0])], OneElement));

        Assert.Contains("would bring the elements built from this file past", error);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated what it refused");
    }

    [Fact]
    public void A_stride_0_view_within_the_budget_reads_as_PyTorch_expands_it()
    {
        var loaded = ModelFile.Read(HostilePickle.Archive([Tensor([1000, 3], [0, 0])], OneElement)).Match(l => l, e => throw new Xunit.Sdk.XunitException(e.Message));
        Assert.Equal(3000, loaded.StateDict.Entries[0].Value.Data.Count);
        Assert.All(loaded.StateDict.Entries[0].Value.Data, value => Assert.Equal(0.5f, value));
    }

    [Fact]
    public void Twenty_thousand_views_of_one_storage_are_refused_once_their_copies_pass_the_budget()
    {
        var storages = new Dictionary<string, byte[]> { ["0"] = HostilePickle.Float32Storage(100_000) };
        var views = Enumerable.Range(0, 20_000).Select(i => Tensor([100_000], [1], declared: 100_000, key: $"v{i}")).ToList();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refusal(HostilePickle.Archive(views, storages));

        Assert.Contains("would bring the elements built from this file past", error);
        // The copies made before the refusal are what the budget allows: 100,000 stored plus 2^24 more, 8 bytes each.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8L * FormatLimits.ElementBudget(400_000) + (64 << 20));
    }

    [Fact]
    public void Safetensors_dimensions_whose_product_wraps_to_one_are_refused()
    {
        var shape = HostileGenerators.WrapsToOne.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = Refusal(HostileSafetensors.File("{" + HostileSafetensors.Entry("w", "F32", shape, 0, 4) + "}", new byte[4]));

        Assert.Contains("would bring the elements built from this file past", error);
    }

    [Fact]
    public void A_storage_whose_element_count_times_its_item_size_wraps_is_refused()
    {
        // (2^62 + 1) * 4 is 4 modulo 2^64: a reader that multiplies takes the 4 stored bytes for 2^62 + 1 elements.
        var error = Refusal(HostilePickle.Archive([Tensor([2], [1L << 61], declared: (1L << 62) + 1)], OneElement));

        Assert.Contains("holds 4 bytes, not 4611686018427387905 elements", error);
    }

    [Fact]
    public void A_layout_whose_last_position_passes_2_to_the_63_is_refused_not_wrapped()
    {
        var storages = new Dictionary<string, byte[]> { ["0"] = HostilePickle.Float32Storage(8) };
        var error = Refusal(HostilePickle.Archive([Tensor([2, 2], [long.MaxValue, long.MaxValue], declared: 8)], storages));

        Assert.Contains("reaches outside its storage of 8 elements", error);
    }

    [Theory]
    [InlineData("../archive")]
    [InlineData("/archive")]
    [InlineData("archive/..")]
    [InlineData("./archive")]
    public void Zip_entries_that_climb_out_of_the_archive_are_refused(string folder)
    {
        var error = Refusal(HostilePickle.Archive([Tensor([1], [1])], OneElement, folder));
        Assert.Contains("unsafe name", error);
    }

    [Fact]
    public void A_zip_entry_named_with_backslashes_is_refused()
    {
        var archive = PyTorchZipWriter.Write([new ZipEntryContent("archive\\data.pkl", HostilePickle.Pickle([])), new ZipEntryContent("archive/version", "3\n"u8.ToArray())]);
        Assert.Contains("unsafe name", Refusal(archive));
    }

    [Fact]
    public void A_pickle_that_pushes_a_value_per_byte_is_refused_at_the_value_limit()
    {
        var pickle = new byte[] { 0x80, 2 }.Concat(Enumerable.Repeat((byte)'N', FormatLimits.MaxPickleValues + 10)).Append((byte)'.').ToArray();
        var archive = PyTorchZipWriter.Write([new ZipEntryContent("archive/data.pkl", pickle), new ZipEntryContent("archive/version", "3\n"u8.ToArray())]);

        Assert.Contains("more than 1,048,576 values", Refusal(archive));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed() =>
        Assert.Contains("64 MiB", Refusal(new byte[FormatLimits.MaxFileBytes + 1]));

    [Fact]
    public void A_key_of_a_million_characters_is_cut_in_the_error_line()
    {
        var key = new string('k', 1_000_000) + "\nsecond line";
        var error = Refusal(HostilePickle.Archive([Tensor([1], [1], storage: "missing", key: key)], OneElement));
        var pickleError = Refusal(HostilePickle.Archive(
            [Tensor([1], [1], key: key), Tensor([1], [1], key: key)], OneElement));

        Assert.True(error.Length < 300, error);
        Assert.Contains("... (1000012 characters)", pickleError);
        Assert.DoesNotContain('\n', pickleError);
    }

    [RequiresPyTorchFact]
    public void Strided_views_within_the_limits_load_as_torch_load_loads_them()
    {
        var random = new Random(11);
        var storages = new Dictionary<string, byte[]> { ["0"] = HostilePickle.Float32Storage(24), ["1"] = HostilePickle.Float32Storage(5) };
        var cases = Enumerable.Range(0, 40).Select(i =>
        {
            var rank = random.Next(0, 4);
            var shape = Enumerable.Range(0, rank).Select(_ => (long)random.Next(0, 4)).ToArray();
            var strides = Enumerable.Range(0, rank).Select(_ => (long)random.Next(0, 4)).ToArray();
            var storage = random.Next(2) == 0 ? "0" : "1";
            return Tensor(shape, strides, storage, storage == "0" ? 24 : 5, random.Next(0, 3), $"t{i}");
        }).ToList();

        var files = cases.Select(tensor => HostilePickle.Archive([tensor], storages)).ToList();
        var theirs = PythonTorch.Run("""
            import sys, io, json, base64, torch
            for line in sys.stdin.read().split():
                try:
                    t = next(iter(torch.load(io.BytesIO(base64.b64decode(line))).values()))
                    print(' '.join(repr(float(v)) for v in t.reshape(-1).tolist()))
                except Exception:
                    print('refused')
            """, [], string.Join("\n", files.Select(Convert.ToBase64String))).Stdout.Split('\n');

        // Both outcomes occur, so the comparison covers reading and refusing alike.
        Assert.InRange(theirs.Take(cases.Count).Count(line => line == "refused"), 1, cases.Count - 1);
        foreach (var (tensor, file, torchLoad) in cases.Zip(files, theirs))
        {
            var ours = ModelFile.Read(file).Match(l => string.Join(" ", l.StateDict.Entries[0].Value.Data.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))), e => "refused");
            Assert.True(torchLoad == "refused" ? ours == "refused" : Parse(torchLoad).SequenceEqual(Parse(ours)), $"{tensor}: ours {ours}, torch.load {torchLoad}");
        }
    }

    private static IEnumerable<float> Parse(string values) =>
        values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
}

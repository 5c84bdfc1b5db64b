using System;
using System.IO;
using System.IO.Compression;

/// <summary>Reads gzipped IDX files (the MNIST format): a big-endian header, then one byte per value.</summary>
internal static class Idx
{
    /// <summary>Images as floats in [0, 1], row-major, one image per row of rows × columns pixels.</summary>
    public static (float[] Pixels, int Count, int Size) ReadImages(string path)
    {
        byte[] data = ReadGzip(path);
        Expect(data, 0x00000803, path);
        int count = BigEndian(data, 4), rows = BigEndian(data, 8), columns = BigEndian(data, 12);
        int size = rows * columns;
        if (data.Length != 16 + count * size) throw new InvalidDataException($"{path}: expected {count} images of {rows}×{columns}, found {data.Length - 16} bytes.");
        var pixels = new float[count * size];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = data[16 + i] / 255f;
        return (pixels, count, size);
    }

    public static int[] ReadLabels(string path)
    {
        byte[] data = ReadGzip(path);
        Expect(data, 0x00000801, path);
        int count = BigEndian(data, 4);
        if (data.Length != 8 + count) throw new InvalidDataException($"{path}: expected {count} labels, found {data.Length - 8}.");
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = data[8 + i];
        return labels;
    }

    private static byte[] ReadGzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    private static void Expect(byte[] data, int magic, string path)
    {
        if (data.Length < 8 || BigEndian(data, 0) != magic) throw new InvalidDataException($"{path} is not an IDX file with magic 0x{magic:X8}.");
    }

    private static int BigEndian(byte[] data, int at) => (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
}

namespace StaticNet.Serialization
{
    /// <summary>A section's tag and the length of its payload, as the file states them.</summary>
    internal readonly struct SectionHeader
    {
        public SectionHeader(uint tag, ulong length)
        {
            Tag = tag;
            Length = length;
        }

        public uint Tag { get; }

        public ulong Length { get; }
    }
}

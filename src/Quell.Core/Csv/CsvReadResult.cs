namespace Quell.Csv;

/// <summary>What <see cref="CsvRecordReader.TryReadRecord"/> found in the buffered data.</summary>
internal enum CsvReadResult
{
    /// <summary>A record is ready to read through the reader's indexer.</summary>
    Record,

    /// <summary>The buffer ends inside a record; call <see cref="CsvRecordReader.FillAsync"/> and try again.</summary>
    NeedMoreData,

    /// <summary>The stream is exhausted.</summary>
    EndOfData,
}

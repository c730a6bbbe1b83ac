"""Scale-out: executors that run batches of work (local process pool, Dask) and the Parquet
dataset their results are written to, read back from and queried in place.

    from newsgraph.scale import make_executor, process_corpus, read_dataset, query_dataset
"""
from newsgraph.scale.dataset import DatasetWriter, Replay, open_dataset, query_dataset, read_dataset
from newsgraph.scale.executor import ENGINES, Executor, make_executor
from newsgraph.scale.run import ProcessSummary, parallel_records, process_corpus

__all__ = ["ENGINES", "DatasetWriter", "Executor", "ProcessSummary", "make_executor", "open_dataset",
           "parallel_records", "process_corpus", "query_dataset", "read_dataset", "Replay"]

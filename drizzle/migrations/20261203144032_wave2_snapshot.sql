-- The branches of this wave each generated their migration from their own base; their SQL is all
-- applied by the migrations before this one. This one only carries the snapshot of the combined
-- schema, so the next generated migration diffs against the whole of it.
SELECT 1;

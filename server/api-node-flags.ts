/**
 * Node flags the API process runs with (npm start, Docker, benchmarks). Uploads and downloads
 * pass through in buffers and request objects that soon die. Left to its defaults, V8 lets
 * the old generation grow to several times what is live before collecting it (the API sat
 * at 300 MB after a thousand uploads): a bounded old space is collected early, and 4 MB
 * semi-spaces (V8's default is 16) keep the young generation small. 256 MB leaves 40% of the
 * heap above the 96 MB workbook budget that import checks hold to.
 */
export const API_NODE_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=4'];

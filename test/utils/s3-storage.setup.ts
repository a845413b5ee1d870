// The `s3` Jest project: this file's test apps keep their files in the run's S3 server.
process.env.TEST_STORAGE = 's3';

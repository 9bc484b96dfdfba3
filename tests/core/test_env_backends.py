"""Production backends chosen by environment variables: S3 storage and the log format."""

import json
import logging

import pytest

from thidua.core.env import S3_BACKEND, file_storage_config, logging_config
from thidua.core.logs import JsonFormatter

S3_ENV = {
    "S3_BUCKET": "thidua-files",
    "S3_ENDPOINT_URL": "https://s3.example.vn",
    "S3_REGION": "hn-1",
    "S3_PREFIX": "production",
    "S3_ADDRESSING_STYLE": "path",
}


def test_the_file_system_storage_needs_no_options():
    backend = "django.core.files.storage.FileSystemStorage"

    assert file_storage_config(backend) == {"BACKEND": backend}


def test_the_s3_storage_takes_its_bucket_and_endpoint_from_the_environment(monkeypatch):
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    config = file_storage_config(S3_BACKEND)

    from storages.backends.s3 import S3Storage

    storage = S3Storage(**config["OPTIONS"])
    assert storage.bucket_name == "thidua-files"
    assert storage.endpoint_url == "https://s3.example.vn"
    assert storage.region_name == "hn-1"
    assert storage.location == "production"
    assert storage.addressing_style == "path"
    assert storage.default_acl == "private"
    assert storage.file_overwrite is False


def test_the_s3_storage_without_a_bucket_is_a_configuration_error(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)

    with pytest.raises(ValueError, match="S3_BUCKET"):
        file_storage_config(S3_BACKEND)


def test_json_logs_are_one_object_a_line_on_standard_output():
    config = logging_config("json", "INFO")
    record = logging.LogRecord("thidua.x", logging.ERROR, __file__, 1, "Lỗi %s", ("gửi thư",), None)
    record.status_code = 500

    entry = json.loads(JsonFormatter().format(record))
    assert config["handlers"]["console"]["formatter"] == "json"
    assert config["handlers"]["console"]["stream"] == "ext://sys.stdout"
    assert entry["level"] == "ERROR"
    assert entry["message"] == "Lỗi gửi thư"
    assert entry["status_code"] == 500


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logging_config("xml", "INFO")

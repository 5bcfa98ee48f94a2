from __future__ import annotations

import pickle

import httpx
import pytest

from cegid_loop.config import DEFAULT_BASE_URL, LoopConfig, Secret
from cegid_loop.errors import ConfigurationError

from .conftest import TEST_API_KEY, TEST_SUBSCRIPTION_KEY, assert_no_secret

ENV = {"LOOP_SUBSCRIPTION_KEY": TEST_SUBSCRIPTION_KEY, "LOOP_API_KEY": TEST_API_KEY}


def test_from_environment_with_defaults() -> None:
    config = LoopConfig.resolve(env=ENV)
    assert config.base_url == DEFAULT_BASE_URL
    assert config.auth_headers() == {
        "Ocp-Apim-Subscription-Key": TEST_SUBSCRIPTION_KEY,
        "X-ApiKey": TEST_API_KEY,
    }
    assert config.timeout.read == 30 and config.timeout.connect == 10
    assert config.retry.max_retries == 2


def test_arguments_win_over_environment() -> None:
    env = {**ENV, "LOOP_BASE_URL": "https://env.example/loop", "LOOP_TIMEOUT": "5", "LOOP_MAX_RETRIES": "4"}
    config = LoopConfig.resolve(
        base_url="https://arg.example/loop/", subscription_key="other-sub", max_retries=0, env=env
    )
    assert config.base_url == "https://arg.example/loop"
    assert config.subscription_key.get_secret_value() == "other-sub"
    assert config.retry.attempts == 1
    assert config.timeout.read == 5
    from_env = LoopConfig.resolve(env=env)
    assert from_env.base_url == "https://env.example/loop" and from_env.retry.max_retries == 4


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"LOOP_API_KEY": TEST_API_KEY}, "LOOP_SUBSCRIPTION_KEY"),
        ({"LOOP_SUBSCRIPTION_KEY": TEST_SUBSCRIPTION_KEY}, "LOOP_API_KEY"),
        ({**ENV, "LOOP_API_KEY": "no-colon-here-secret"}, "KEY:SECRET"),
        ({**ENV, "LOOP_TIMEOUT": "soon"}, "LOOP_TIMEOUT"),
        ({**ENV, "LOOP_MAX_RETRIES": "-1"}, "max_retries"),
        ({**ENV, "LOOP_BASE_URL": "ftp://x"}, "base_url"),
    ],
)
def test_bad_settings_are_named_not_shown(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        LoopConfig.resolve(env=env)
    assert needle in str(info.value)
    assert "no-colon-here-secret" not in str(info.value)
    assert_no_secret(str(info.value))


def test_repr_and_str_never_show_secrets() -> None:
    config = LoopConfig.resolve(env=ENV)
    for text in (
        repr(config),
        str(config),
        repr(config.api_key),
        str(config.subscription_key),
        f"{config.api_key}",
    ):
        assert_no_secret(text)
    assert "Secret('***')" in repr(config)


def test_secret_behaviour() -> None:
    assert Secret("a") == Secret("a") and Secret("a") != Secret("b")
    assert not Secret("") and Secret("x")
    with pytest.raises(TypeError):
        Secret(123)  # type: ignore[arg-type]


def test_config_is_not_picklable() -> None:
    with pytest.raises(TypeError):
        pickle.dumps(LoopConfig.resolve(env=ENV))


def test_custom_timeout_object_kept() -> None:
    timeout = httpx.Timeout(1.0)
    assert LoopConfig.resolve(env=ENV, timeout=timeout).timeout is timeout

"""The config file: where it is, what it sets, and what is wrong in it. Never imports textual."""

from newsreader.config.load import (
    CONFIG_ENV,
    ChosenValue,
    Config,
    ConfigProblem,
    config_path,
    load_config,
)

__all__ = ["CONFIG_ENV", "ChosenValue", "Config", "ConfigProblem", "config_path", "load_config"]

"""Law and municipal policy as dated, sourced data: catalogue, loading, validation, resolution."""

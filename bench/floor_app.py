"""The floor: the least a Streamlit page with one chart costs, served with the app's .streamlit/config.toml.

bench/run.py starts it like the app (a child process in the project folder, so the same config file applies) and
divides the app's figures by this page's. With `?k=<number>` it also shows one number input that redraws the
chart, the floor of an interaction (change a widget, see the chart change).
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
k = st.query_params.get("k")
scale = st.number_input("k", value=float(k), step=1.0) if k is not None else 1.0
years = [2021, 2022, 2023, 2024, 2025]
fig = go.Figure(go.Scatter(x=years, y=[scale * v for v in (52.1, 55.4, 58.9, 61.2, 63.0)], mode="lines+markers"))
fig.update_layout(title=f"Floor × {scale:g}", height=400)
st.plotly_chart(fig, width="stretch", key="floor")

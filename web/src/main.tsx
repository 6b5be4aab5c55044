import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@utrecht/component-library-css/dist/index.css";
import "./theme.css";
import "./styles.css";
import { App } from "./App";
import { RouterProvider } from "./router";

document.documentElement.lang = "nl";
document.body.classList.add("baken-theme", "utrecht-document");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <RouterProvider>
      <App />
    </RouterProvider>
  </StrictMode>,
);

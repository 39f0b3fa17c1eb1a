import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';

import { i18nReady } from '@/lib/i18n';
import { queryClient, startRuntime } from '@/lib/runtime';
import { router } from '@/shell/routes';

import './styles.css';

startRuntime();

// The service worker keeps the app on the phone; only the built app has one (dev serves sources).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}

// Drawn once the chosen language's words are there (English is fetched; Chinese is at hand).
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
